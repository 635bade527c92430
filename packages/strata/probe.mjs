import * as vega from 'vega';
import { compile } from 'vega-lite';
const spec = { data: { values: [{a:1,b:2,g:'x'},{a:2,b:3,g:'x'},{a:1,b:2,g:'y'},{a:2,b:5,g:'y'}] }, facet:{field:'g',type:'nominal'}, columns: 2, spec: {layer:[{name:'fitline', mark: 'line', encoding: { x: {field:'a',type:'quantitative'}, y:{field:'b',type:'quantitative'}}}, {name:'pts', mark:'point', encoding: { x: {field:'a',type:'quantitative'}, y:{field:'b',type:'quantitative'}}}]}};
const svg = await new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' }).toSVG();
console.log(svg.match(/<g class="mark-[^"]*"/g));
