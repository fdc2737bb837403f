// Switches the customer (and resource) the way an app does when someone else signs in:
// `stigg.setCustomerId`, with the choice kept in the URL so a reload keeps it.
import { byId } from './dom';

export interface CustomerContext {
  customerId: string;
  resourceId: string | undefined;
}

export class CustomerSwitcher {
  private readonly form = byId<HTMLFormElement>('customer-form');
  private readonly select = byId<HTMLSelectElement>('customer-select');
  private readonly otherLabel = byId('customer-other-field');
  private readonly other = byId<HTMLInputElement>('customer-other');
  private readonly resource = byId<HTMLSelectElement>('resource-select');

  constructor(initial: CustomerContext, onSwitch: (context: CustomerContext) => Promise<void>) {
    this.show(initial);
    this.select.addEventListener('change', () => {
      this.otherLabel.hidden = this.select.value !== 'other';
      if (!this.otherLabel.hidden) this.other.focus();
    });
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      const customerId = this.select.value === 'other' ? this.other.value.trim() : this.select.value;
      if (!customerId) {
        this.other.setCustomValidity('Enter a customer ID');
        this.other.reportValidity();
        return;
      }
      this.other.setCustomValidity('');
      const submit = this.form.querySelector('button[type="submit"]') as HTMLButtonElement;
      submit.disabled = true;
      void onSwitch({ customerId, resourceId: this.resource.value || undefined }).finally(() => {
        submit.disabled = false;
      });
    });
  }

  private show({ customerId, resourceId }: CustomerContext): void {
    const known = [...this.select.options].some((option) => option.value === customerId && option.value !== 'other');
    this.select.value = known ? customerId : 'other';
    this.otherLabel.hidden = known;
    if (!known) this.other.value = customerId;
    if (resourceId && ![...this.resource.options].some((option) => option.value === resourceId)) {
      this.resource.add(new Option(resourceId, resourceId));
    }
    this.resource.value = resourceId ?? '';
  }
}
