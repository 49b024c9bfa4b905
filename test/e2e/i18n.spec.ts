import { expect, test } from '@playwright/test';
import { fixtureFile, openDetails, pngFile } from './support.ts';

const el = '#uploader';

test('in Arabic the element speaks Arabic, formats sizes with Intl and lays out right-to-left', async ({ page }) => {
  await page.goto('/');
  await page.locator('#language').selectOption('ar');
  await expect(page.locator(`${el} [part~="browse-button"]`)).toHaveText('اختر ملفات');
  await page.locator(`${el} input[type=file]`).setInputFiles([pngFile('صورة.png').path, fixtureFile('report.pdf', 2048).path]);
  const two = await page.evaluate(() => new Intl.NumberFormat('ar').format(2));
  await expect(page.locator(`${el} [part~="size"]`).nth(1)).toHaveText(`${two} ك.ب`);
  await expect(page.locator(`${el} [part~="status"]`).first()).toHaveText('جاهز للإرسال');
  await expect(page.locator(`${el} [role="status"]`)).toHaveText('أُضيف ملفان');
  // right-to-left: the cards run from the right, and a card's actions sit at its left (its end)
  const cards = page.locator(`${el} [part~="item"]`);
  const first = (await cards.nth(0).boundingBox())!;
  const second = (await cards.nth(1).boundingBox())!;
  expect(first.x).toBeGreaterThan(second.x);
  const remove = (await cards.nth(0).locator('[part~="remove-button"]').boundingBox())!;
  expect(remove.x + remove.width / 2).toBeLessThan(first.x + first.width / 2);
  // the details speak Arabic too
  await expect(await openDetails(page, el)).toContainText('النص البديل');
  const path = test.info().outputPath('rtl-staged.png');
  await page.locator(el).screenshot({ path });
  await test.info().attach('rtl-staged', { path, contentType: 'image/png' });
});

for (const [locale, browse, queued] of [['de', 'Dateien auswählen', 'Bereit zum Senden'], ['es', 'Elegir archivos', 'Listo para enviar'], ['fr', 'Parcourir', 'Prêt à envoyer'], ['ptBR', 'Escolher arquivos', 'Pronto para enviar']] as const) {
  test(`every visible word comes from strings: ${locale}`, async ({ page }) => {
    await page.goto('/');
    await page.locator('#language').selectOption(locale);
    await expect(page.locator(`${el} [part~="browse-button"]`)).toHaveText(browse);
    await page.locator(`${el} input[type=file]`).setInputFiles(pngFile('x.png').path);
    await expect(page.locator(`${el} [part~="status"]`)).toHaveText(queued);
    // no English word of the element is left on screen
    const text = await page.locator(el).evaluate((e) => e.shadowRoot!.textContent ?? '');
    for (const english of [/Drop files here/, /Browse files/, /Ready to send/, /\bSend\b/]) expect(text).not.toMatch(english);
    // nor in a card's details
    const details = await (await openDetails(page, el)).evaluate((e) => e.textContent ?? '');
    for (const english of [/Alt text/, /\bClose\b/, /\bRemove\b/, /Describe the image/]) expect(details).not.toMatch(english);
  });
}
