/** A file as a browser sends it in a form. */
export interface FormFile {
  name: string;
  type: string;
  content: Buffer;
}

/**
 * A multipart form as a browser sends it: the fields in their order (the CSRF token first, as the
 * pages' forms have it), then the file if any. For `app.inject`: the payload and its content type.
 */
export function multipart(fields: Record<string, string>, file?: FormFile) {
  const boundary = '----kenes-test-boundary';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.content,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
