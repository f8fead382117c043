// A uPlot chart in a React box: made when the data changes, resized with the window, destroyed on unmount.
import { useEffect, type RefObject } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export function usePlot(
  box: RefObject<HTMLDivElement | null>,
  make: (width: number) => { options: uPlot.Options; data: uPlot.AlignedData },
  deps: unknown[],
): void {
  useEffect(() => {
    if (!box.current) return;
    const { options, data } = make(box.current.clientWidth || 640);
    const plot = new uPlot(options, data, box.current);
    const resize = () => box.current && plot.setSize({ width: box.current.clientWidth, height: options.height });
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      plot.destroy();
    };
  }, deps);
}
