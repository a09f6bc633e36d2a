import { Box, Button, Group, Text } from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useT } from '../../i18n/I18nProvider.tsx';
import type { StrokePoint, Strokes } from '../../signatureApi.ts';

const HEIGHT = 200;

/**
 * A signature pad on a <canvas>, driven by pointer events: mouse, finger and pen alike (touch-action: none keeps the
 * page from scrolling while signing). Points are kept in CSS pixels of the canvas with their time, and handed up as
 * `Strokes` — the evidence the server stores and draws onto the PDF. « Effacer » starts over.
 */
export function SignaturePad({ onChange, disabled }: { onChange: (strokes: Strokes | null) => void; disabled?: boolean }) {
  const t = useT();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const strokesRef = useRef<StrokePoint[][]>([]);
  const drawing = useRef<{ pointerId: number; start: number } | null>(null);
  const pointerType = useRef('mouse');
  const [empty, setEmpty] = useState(true);

  const size = () => {
    const canvas = canvasRef.current!;
    return { width: canvas.clientWidth, height: canvas.clientHeight };
  };

  const redraw = useCallback(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(canvas.clientWidth * ratio);
    canvas.height = Math.round(canvas.clientHeight * ratio);
    const context = canvas.getContext('2d')!;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.lineWidth = 2.2;
    context.lineCap = 'round';
    context.lineJoin = 'round';
    context.strokeStyle = '#0d1f73';
    for (const stroke of strokesRef.current) {
      context.beginPath();
      for (const [i, p] of stroke.entries()) {
        if (i === 0) context.moveTo(p.x, p.y);
        else context.lineTo(p.x, p.y);
      }
      if (stroke.length === 1) context.lineTo(stroke[0]!.x + 0.5, stroke[0]!.y);
      context.stroke();
    }
  }, []);

  useEffect(() => {
    redraw();
    const observer = new ResizeObserver(() => redraw());
    if (canvasRef.current) observer.observe(canvasRef.current);
    return () => observer.disconnect();
  }, [redraw]);

  const emit = () => {
    const strokes = strokesRef.current.filter((s) => s.length > 0);
    setEmpty(strokes.length === 0);
    const { width, height } = size();
    onChange(strokes.length === 0 ? null : { width, height, pointerType: pointerType.current, strokes });
  };

  const pointAt = (event: { clientX: number; clientY: number; pressure: number; pointerType: string }): StrokePoint => {
    const rect = canvasRef.current!.getBoundingClientRect();
    const x = Math.min(Math.max(0, event.clientX - rect.left), rect.width);
    const y = Math.min(Math.max(0, event.clientY - rect.top), rect.height);
    const point: StrokePoint = { x: Math.round(x * 10) / 10, y: Math.round(y * 10) / 10, t: Math.round(performance.now() - (drawing.current?.start ?? performance.now())) };
    if (event.pointerType === 'pen' && event.pressure > 0) point.p = Math.round(event.pressure * 100) / 100;
    return point;
  };

  const extend = (point: StrokePoint) => {
    const stroke = strokesRef.current.at(-1)!;
    const last = stroke.at(-1);
    stroke.push(point);
    const context = canvasRef.current!.getContext('2d')!;
    context.beginPath();
    if (last) context.moveTo(last.x, last.y);
    else context.moveTo(point.x, point.y);
    context.lineTo(point.x + (last ? 0 : 0.5), point.y);
    context.stroke();
  };

  return (
    <Box>
      <Box style={{ border: '1px dashed var(--mantine-color-gray-5)', borderRadius: 8, background: '#fff' }}>
        <canvas
          ref={canvasRef}
          data-testid="signature-pad"
          aria-label={t('signer.pad.label')}
          style={{ display: 'block', width: '100%', height: HEIGHT, touchAction: 'none', cursor: disabled ? 'not-allowed' : 'crosshair' }}
          onPointerDown={(event) => {
            if (disabled || (event.pointerType === 'mouse' && event.button !== 0)) return;
            event.preventDefault();
            event.currentTarget.setPointerCapture(event.pointerId);
            const start = drawing.current?.start ?? performance.now();
            drawing.current = { pointerId: event.pointerId, start: strokesRef.current.length === 0 ? performance.now() : start };
            pointerType.current = event.pointerType || 'mouse';
            strokesRef.current.push([]);
            extend(pointAt(event));
          }}
          onPointerMove={(event) => {
            if (!drawing.current || drawing.current.pointerId !== event.pointerId) return;
            const events = typeof event.nativeEvent.getCoalescedEvents === 'function' ? event.nativeEvent.getCoalescedEvents() : [];
            for (const e of events.length > 1 ? events : [event]) extend(pointAt(e));
          }}
          onPointerUp={(event) => {
            if (!drawing.current || drawing.current.pointerId !== event.pointerId) return;
            drawing.current = { pointerId: -1, start: drawing.current.start };
            emit();
          }}
          onPointerCancel={() => {
            if (drawing.current) drawing.current = { pointerId: -1, start: drawing.current.start };
            emit();
          }}
        />
      </Box>
      <Group justify="space-between" mt={6}>
        <Text size="xs" c="dimmed">
          {t('signer.pad.hint')}
        </Text>
        <Button
          variant="subtle"
          size="compact-sm"
          disabled={disabled || empty}
          onClick={() => {
            strokesRef.current = [];
            drawing.current = null;
            redraw();
            emit();
          }}
        >
          {t('signer.pad.clear')}
        </Button>
      </Group>
    </Box>
  );
}
