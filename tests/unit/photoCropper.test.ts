import { describe, expect, it } from 'vitest';
import { MAX_ZOOM, clampView, coverScale, cropRect, initialView, moveView, zoomView } from '../../renderer/lib/photoCropper';

const FRAME = { width: 270, height: 360 };
/** A landscape snapshot, 1200 × 600: at zoom 1 the frame shows a 450 × 600 slice of it. */
const WIDE = { width: 1200, height: 600 };
/** A tall one, 600 × 1200. */
const TALL = { width: 600, height: 1200 };

describe('manual photo crop geometry (issue 16 item 19)', () => {
  it('starts as the old automatic crop: centred across, a quarter from the top down, always 3:4', () => {
    const wide = cropRect(initialView(WIDE, FRAME), WIDE, FRAME);
    expect(wide.sh).toBeCloseTo(600);
    expect(wide.sw).toBeCloseTo(450);
    expect(wide.sx).toBeCloseTo((1200 - 450) / 2);
    const tall = cropRect(initialView(TALL, FRAME), TALL, FRAME);
    expect(tall.sw).toBeCloseTo(600);
    expect(tall.sh).toBeCloseTo(800);
    expect(tall.sy).toBeCloseTo((1200 - 800) * 0.25);
  });

  it('dragging moves the cut, and never past an edge', () => {
    const start = initialView(WIDE, FRAME);
    const scale = coverScale(WIDE, FRAME);
    // Drag the picture 90 screen px to the right: the frame now covers a part 90/scale picture px further left.
    const moved = cropRect(moveView(start, 90, 0, WIDE, FRAME), WIDE, FRAME);
    expect(moved.sx).toBeCloseTo((1200 - 450) / 2 - 90 / scale);
    // Far past the left edge: stops at the edge, still a full 3:4 cut.
    const edge = cropRect(moveView(start, 5000, 5000, WIDE, FRAME), WIDE, FRAME);
    expect(edge).toMatchObject({ sx: 0, sy: 0 });
    expect(edge.sw / edge.sh).toBeCloseTo(3 / 4);
    const other = cropRect(moveView(start, -5000, 0, WIDE, FRAME), WIDE, FRAME);
    expect(other.sx + other.sw).toBeCloseTo(1200);
  });

  it('zooming keeps the point under the cursor in place and stays within 1…MAX_ZOOM', () => {
    const start = initialView(WIDE, FRAME);
    const at = { x: 100, y: 120 };
    const before = cropRect(start, WIDE, FRAME);
    const z = zoomView(start, 2, WIDE, FRAME, at);
    const after = cropRect(z, WIDE, FRAME);
    expect(after.sw).toBeCloseTo(before.sw / 2);
    // The picture point under `at`: same before and after.
    expect(before.sx + (at.x / FRAME.width) * before.sw).toBeCloseTo(after.sx + (at.x / FRAME.width) * after.sw);
    expect(before.sy + (at.y / FRAME.height) * before.sh).toBeCloseTo(after.sy + (at.y / FRAME.height) * after.sh);
    expect(zoomView(start, 99, WIDE, FRAME).zoom).toBe(MAX_ZOOM);
    expect(zoomView(start, 0.2, WIDE, FRAME).zoom).toBe(1);
    expect(clampView({ x: 10, y: 10, zoom: 1 }, WIDE, FRAME)).toMatchObject({ x: 0, y: 0 });
  });
});
