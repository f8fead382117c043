// A number input after its label, the label also its accessible name: the lab's counts, seeds and shares.

/** `onChange` gets the number typed; `width` is in rem; `min`, `max` and `step` bound the input. */
export function NumberField(props: {
  label: string;
  value: number;
  onChange(value: number): void;
  width?: number;
  min?: number;
  max?: number;
  step?: number;
}) {
  const { label, value, onChange, width = 5, ...bounds } = props;
  return (
    <label>
      {label}{' '}
      <input
        type="number"
        aria-label={label}
        {...bounds}
        value={value}
        onChange={(e) => onChange(Number(e.target.value))}
        style={{ width: `${width}rem` }}
      />
    </label>
  );
}
