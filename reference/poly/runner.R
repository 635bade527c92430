# R's orthogonal polynomials, for Strata's poly(x, degree) (issue 13):
#   Rscript reference/poly/runner.R        (from the repository root) -> reference/poly.json
# For each case: the x values, and for degree 2 and 3 the basis poly(x, degree) (one row per x),
# its "coefs" attribute (alpha, norm2: what predict() needs) and predict(basis, newx) for new x
# (the basis of new data built from the training data's coefficients, as R's predict.poly).
# Numbers are written with 17 significant digits, so every double reads back exactly.
suppressPackageStartupMessages(library(jsonlite))

file_arg <- sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))
ref_dir <- dirname(normalizePath(dirname(file_arg)))

set.seed(1312)
cases <- list(
  # irregular values on (0, 10)
  list(name = "uniform", x = round(runif(30, 0, 10), 2), newx = c(-1, 0, 2.5, 5, 9.99, 12)),
  # few distinct values, each repeated (the orthodont ages)
  list(name = "ages", x = rep(c(8, 10, 12, 14), 27), newx = c(8, 9, 11, 14, 16)),
  # a large offset and spread, where naive powers lose precision
  list(name = "offset", x = 1000 + round(rnorm(40, 0, 50), 1), newx = c(850, 1000, 1100.5))
)

# jsonlite prints at most 15 significant digits: write the numbers as verbatim JSON with %.17g.
exact <- function(v) structure(paste0("[", paste(sprintf("%.17g", v), collapse = ", "), "]"),
                               class = "json")
rows <- function(m) lapply(seq_len(nrow(m)), function(i) exact(as.numeric(m[i, ])))

out <- list(
  description = "R's poly(x, degree) bases, coefs (alpha, norm2) and predict(poly, newx)",
  r_version = R.version.string,
  cases = lapply(cases, function(case) {
    degrees <- lapply(2:3, function(d) {
      p <- poly(case$x, d)
      co <- attr(p, "coefs")
      list(degree = d, basis = rows(p), alpha = exact(co$alpha), norm2 = exact(co$norm2),
           predict = rows(predict(p, case$newx)))
    })
    list(name = case$name, x = exact(case$x), newx = exact(case$newx), degrees = degrees)
  })
)
write_json(out, file.path(ref_dir, "poly.json"), auto_unbox = TRUE, json_verbatim = TRUE, pretty = TRUE)
cat("wrote", file.path(ref_dir, "poly.json"), "\n")
