/** The choice a mistyped name was probably meant to be: at most two edits away (case ignored), else undefined. */
export function closest(text: string, choices: readonly string[]): string | undefined {
  if (text.length > 100) return undefined;
  const lower = text.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const choice of choices) {
    const distance = editDistance(lower, choice.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [choice, distance];
  }
  return bestDistance <= 2 ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

/** "'hgih' is not one of low, high; did you mean 'high'?": the message for a value outside a fixed list. */
export function notOneOf(text: string, choices: readonly string[]): string {
  const close = closest(text, choices);
  return `'${text}' is not one of ${choices.join(', ')}${close ? `; did you mean '${close}'?` : ''}`;
}
