/** Has the browser save `content` as a file named `name`. */
export function downloadFile(
  name: string,
  content: string | Blob,
  type: string,
) {
  const url = URL.createObjectURL(
    content instanceof Blob ? content : new Blob([content], { type }),
  );
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}
