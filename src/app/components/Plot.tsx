// A uPlot chart as a component: a labelled image box whose plot is made from `make` (given the box's width)
// whenever `deps` change.
import { useRef } from 'react';
import type uPlot from 'uplot';
import { usePlot } from '../lab/use-plot.ts';

interface Props {
  label: string;
  make: (width: number) => { options: uPlot.Options; data: uPlot.AlignedData };
  deps: unknown[];
}

export function Plot({ label, make, deps }: Props) {
  const box = useRef<HTMLDivElement>(null);
  usePlot(box, make, deps);
  return <div ref={box} className="chart" role="img" aria-label={label} />;
}
