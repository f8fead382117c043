// A fieldset of checkboxes for picking several of a list: the lab's routers to train and models to run.
import type { ReactNode } from 'react';

/** `setChosen` gets the options ticked after each change; `title` explains an option on hover; `children` come before the boxes. */
export function Picks(props: {
  legend: string;
  options: readonly string[];
  chosen: readonly string[];
  setChosen(chosen: string[]): void;
  title?(option: string): string | undefined;
  children?: ReactNode;
}) {
  const { legend, options, chosen, setChosen, title, children } = props;
  const toggle = (option: string, on: boolean) => setChosen(on ? [...chosen, option] : chosen.filter((c) => c !== option));
  return (
    <fieldset className="router-picks">
      <legend>{legend}</legend>
      {children}
      {options.map((option) => (
        <label key={option} title={title?.(option)}>
          <input type="checkbox" checked={chosen.includes(option)} onChange={(e) => toggle(option, e.target.checked)} /> {option}
        </label>
      ))}
    </fieldset>
  );
}
