/**
 * An empty row standing in for the rows a virtualized table does not render, so the scroll
 * height stays right. Hidden from assistive technology; nothing when `height` is 0.
 */
export function SpacerRow({ height, columns }: { height: number; columns: number }) {
  if (height <= 0) return null;
  return (
    <tr aria-hidden="true" className="skep-spacer" style={{ height }}>
      <td colSpan={columns} style={{ height, padding: 0, border: 0 }} />
    </tr>
  );
}
