import { FormField } from '../shell/FormField';

/** The longest display name the server accepts (`JoinBody.name` in protocol's http.ts). */
const MAX_NAME_LENGTH = 80;

interface Props {
  id: string;
  label: string;
  hint: string;
  value: string;
  onChange: (name: string) => void;
}

/** The display name asked when joining, whether as the facilitator who creates or as anyone else. */
export function NameField({ id, label, hint, value, onChange }: Props) {
  return (
    <FormField id={id} label={label} hint={hint}>
      {(control) => (
        <input
          {...control}
          name="name"
          required
          maxLength={MAX_NAME_LENGTH}
          autoComplete="name"
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </FormField>
  );
}
