import { describe, expect, it } from 'vitest';
import { escapeHtml, html, trusted } from './html.js';

describe('the public pages’ HTML template', () => {
  it('escapes every interpolated value, in text and in quoted attributes', () => {
    const value = `<script>alert('x')</script>" onload="x\`&`;
    expect(html`<p title="${value}">${value}</p>`.value).toBe(
      '<p title="&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot; onload=&quot;x&#96;&amp;">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot; onload=&quot;x&#96;&amp;</p>',
    );
  });

  it('joins lists, drops empty values and keeps nested templates as they are', () => {
    expect(html`<ul>${['<a>', 'b'].map((item) => html`<li>${item}</li>`)}</ul>${null}${false}${undefined}${0}`.value).toBe('<ul><li>&lt;a&gt;</li><li>b</li></ul>0');
    expect(html`${trusted('<b>')}`.value).toBe('<b>');
    expect(escapeHtml('Nguyễn Thị Hoa')).toBe('Nguyễn Thị Hoa');
  });
});
