/**
 * Text from a file, made safe for a terminal: control characters (an ESC could recolour or clear
 * the screen, a CR overwrite the line) become their visible Unicode Control Pictures, bidi
 * overrides become U+FFFD. One character for one, so code-frame columns stay aligned. Tabs stay.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (char) => {
    const code = char.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    return code === 0x7f ? '\u2421' : '\ufffd';
  });
}
