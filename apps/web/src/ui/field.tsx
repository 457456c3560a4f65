import { useId, type ReactNode } from 'react';

/** Renders the control with the ids the label, hint and error need. */
type Control = (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode;

/**
 * A form field: a visible label, the control, an optional hint, and the API's reasons for
 * refusing this field right beside it (announced to screen readers with the control).
 */
export function Field({ label, hint, errors, children }: { label: string; hint?: string; errors?: string[]; children: Control }) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const invalid = Boolean(errors?.length);
  const describedBy = [hint ? hintId : '', invalid ? errorId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${invalid ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, describedBy, invalid })}
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
      {invalid && (
        <p id={errorId} className="field-error">
          {errors!.join('; ')}
        </p>
      )}
    </div>
  );
}

/** A group of checkboxes or switches under one visible legend, with the field's errors beside it. */
export function FieldSet({ legend, errors, children, hint }: { legend: string; errors?: string[]; hint?: string; children: ReactNode }) {
  const id = useId();
  const invalid = Boolean(errors?.length);
  return (
    <fieldset className={`field${invalid ? ' invalid' : ''}`} aria-describedby={invalid ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      {children}
      {hint && <p className="hint">{hint}</p>}
      {invalid && (
        <p id={`${id}-error`} className="field-error">
          {errors!.join('; ')}
        </p>
      )}
    </fieldset>
  );
}
