/**
 * A Vite build plugin: collapses the white space inside Lit's `html` and `css` tagged templates,
 * which no JS minifier touches (it is string content). Found with the TypeScript parser, so code,
 * comments and `${…}` expressions are never rewritten.
 */
import ts from 'typescript';
import type { Plugin } from 'vite';

function collapse(text: string, tag: string): string {
  let out = text.replace(/\s*\n\s*/g, '\n').replace(/\s+/g, ' ');
  if (tag === 'css') out = out.replace(/\s*([{};:,>])\s*/g, '$1').replace(/;}/g, '}');
  else out = out.replace(/>\n?\s+</g, '><');
  return out;
}

export function minifyTemplates(): Plugin {
  return {
    name: 'chat-file-upload-minify-templates',
    apply: 'build',
    transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id) || !/(html|css)`/.test(code)) return undefined;
      const source = ts.createSourceFile(id, code, ts.ScriptTarget.Latest, true);
      const edits: [number, number, string][] = [];
      const visit = (node: ts.Node) => {
        if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && (node.tag.text === 'html' || node.tag.text === 'css')) {
          const tag = node.tag.text;
          const parts = ts.isNoSubstitutionTemplateLiteral(node.template)
            ? [node.template]
            : [node.template.head, ...node.template.templateSpans.map((span) => span.literal)];
          for (const part of parts) {
            const start = part.getStart(source) + 1; // after ` or }
            const end = part.getEnd() - (ts.isTemplateTail(part) || ts.isNoSubstitutionTemplateLiteral(part) ? 1 : 2); // before ` or ${
            edits.push([start, end, collapse(code.slice(start, end), tag)]);
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
      if (!edits.length) return undefined;
      let out = code;
      for (const [start, end, text] of edits.sort((a, b) => b[0] - a[0])) out = out.slice(0, start) + text + out.slice(end);
      return { code: out, map: null };
    },
  };
}
