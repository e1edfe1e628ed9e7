import { openDevice, startServer } from './fixtures.ts';
import { DeskPage } from './page-models/desk-page.ts';

const server = await startServer({ referrals: 3000 });
try {
  for (const [w, h, tag] of [
    [1280, 800, 'laptop'],
    [800, 1280, 'tablet'],
  ] as const) {
    const device = await openDevice({ width: w, height: h });
    const desk = new DeskPage(device.page, device.context, server.url);
    await desk.openAndInstall('coordinator');
    const p = desk.page;
    for (const path of ['PTL', 'Triage', 'Add referral', 'Validation']) {
      await p.getByRole('link', { name: path, exact: true }).click();
      await p.waitForTimeout(2500);
      await p.screenshot({ path: `/tmp/shot-${tag}-${path.replace(/\//g, '_')}.png` });
    }
    await p.getByTestId('validation-line').first().getByRole('link').click();
    await p.waitForTimeout(1500);
    await p.screenshot({ path: `/tmp/shot-${tag}-pathway.png`, fullPage: true });
    await device.close();
  }
} finally {
  await server.stop();
}
