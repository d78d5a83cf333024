/** The Indonesian shell every built page shares: Framework writes English labels and no lang. */

export function localiseHtml(html: string): string {
  return html
    .replace(/<html>/, '<html lang="id">')
    .replace('placeholder="Search"', 'placeholder="Cari"')
    .replace('title="Toggle sidebar"', 'title="Buka/tutup menu"');
}
