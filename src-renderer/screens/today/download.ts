/** Saves text the main process produced as a file the person downloads, as the browser would. */
export function downloadText(filename: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // The click has queued the download; the URL can go once the current task ends.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
