/**
 * docx-preview sets a paragraph's font on its runs (`p.docx_X span { font-size … }`, or inline on a run) but not on
 * the paragraph, so each line also holds a "strut" in the page's own font. With an exact line height (7.5 pt text
 * on 8.5 pt lines in a long 简历) the strut and the run sit on one baseline with different ascents and descents, and
 * every line grows by a few points: a form Word fits on its page runs over in the preview and in print. Word sizes a
 * line by the paragraph's own runs; giving the paragraph its runs' font does the same here.
 */

const SPAN_RULE = /(p\.[\w-]+)\s+span\s*\{([^}]*)\}/g;

/** For each paragraph style whose runs get a font, the same font on the paragraph (also for empty paragraphs). */
export function paragraphFontRules(css: string): string {
  const rules: string[] = [];
  for (const [, selector, body] of css.matchAll(SPAN_RULE)) {
    const decls = body
      .split(';')
      .map((d) => d.trim())
      .filter((d) => /^(font-size|font-family)\s*:/.test(d));
    if (decls.length) rules.push(`${selector} { ${decls.join('; ')}; }`);
  }
  return rules.join('\n');
}

/**
 * Gives every rendered paragraph the font of its largest run (runs formatted directly carry their size inline), and
 * adds the paragraph-style rules. Call on docx-preview's output while it is in the document (computed styles).
 */
export function alignParagraphStruts(container: HTMLElement): void {
  const css = Array.from(container.querySelectorAll('style'))
    .map((s) => s.textContent ?? '')
    .join('\n');
  const rules = paragraphFontRules(css);
  if (rules) {
    const style = document.createElement('style');
    style.dataset.paragraphFonts = '';
    style.textContent = rules;
    container.appendChild(style);
  }
  for (const p of Array.from(container.querySelectorAll<HTMLElement>('section.docx p'))) {
    let size = 0;
    let family = '';
    for (const span of Array.from(p.querySelectorAll<HTMLElement>(':scope > span, :scope > a > span'))) {
      if (!span.textContent) continue;
      const cs = getComputedStyle(span);
      const s = parseFloat(cs.fontSize);
      if (s > size) (size = s), (family = cs.fontFamily);
    }
    if (size > 0) {
      p.style.fontSize = `${size}px`;
      p.style.fontFamily = family;
    }
  }
}
