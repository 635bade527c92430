/**
 * The syntax tree of a nonlinear expression (the stage-1 formula of a nonlinear model, or the inside of
 * `I(...)`). Plain JSON-compatible data so it can be compared with deep equality and sent to workers.
 */
export type BinaryOp = '+' | '-' | '*' | '/' | '^';

export type ExprNode =
  | { type: 'num'; value: number }
  | { type: 'var'; name: string }
  | { type: 'neg'; arg: ExprNode }
  | { type: 'binary'; op: BinaryOp; left: ExprNode; right: ExprNode }
  | { type: 'call'; name: string; args: ExprNode[] };

export type NumNode = Extract<ExprNode, { type: 'num' }>;
export type VarNode = Extract<ExprNode, { type: 'var' }>;
export type CallNode = Extract<ExprNode, { type: 'call' }>;
export type BinaryNode = Extract<ExprNode, { type: 'binary' }>;

/** Variable names in order of first appearance (left to right). */
export function variablesOf(node: ExprNode): string[] {
  const seen = new Set<string>();
  const visit = (n: ExprNode): void => {
    switch (n.type) {
      case 'num':
        return;
      case 'var':
        seen.add(n.name);
        return;
      case 'neg':
        visit(n.arg);
        return;
      case 'binary':
        visit(n.left);
        visit(n.right);
        return;
      case 'call':
        for (const a of n.args) visit(a);
        return;
    }
  };
  visit(node);
  return [...seen];
}
