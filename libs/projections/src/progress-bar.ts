/** A one-line progress bar: redrawn in place on a terminal, one line per tenth otherwise. */
export class ProgressBar {
  private lastTenth = -1;
  private readonly started = Date.now();

  constructor(
    private readonly out: NodeJS.WritableStream & { isTTY?: boolean },
    private readonly label: string,
    private readonly width = 30,
  ) {}

  update(done: number, total: number): void {
    const fraction = total > 0 ? Math.min(done / total, 1) : 1;
    const tenth = Math.floor(fraction * 10);
    if (!this.out.isTTY && tenth === this.lastTenth) return;
    this.lastTenth = tenth;
    const filled = Math.round(fraction * this.width);
    const seconds = (Date.now() - this.started) / 1000;
    const rate = seconds > 0 ? Math.round(done / seconds) : 0;
    const line = `${this.label} [${'#'.repeat(filled)}${'.'.repeat(this.width - filled)}] ${String(Math.floor(fraction * 100)).padStart(3)}% ${done}/${total} events ${rate}/s`;
    this.out.write(this.out.isTTY ? `\r${line}` : `${line}\n`);
  }

  done(): void {
    if (this.out.isTTY) this.out.write('\n');
  }
}
