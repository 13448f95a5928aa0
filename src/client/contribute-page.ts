// The /contribute/ form in the browser: fills the industry list, turns the fields into
// a write-up with src/lib/contribute/proposal.ts and opens it on GitHub, or shows it for copying.
// The page's strings come in the form's data-strings attribute (no inline script under
// the CSP), so the same script serves /contribute/ and /zh/contribute/.
import {
  buildProposal,
  describeProblem,
  type FormTaxonomy,
  type ProposalMessages,
} from '../lib/contribute/proposal.ts';
import { localDate } from '../lib/contribute/skeleton.ts';

/** What ContributePage.astro puts in data-strings. */
export interface ContributeStrings {
  messages: ProposalMessages;
  errorsOne: string;
  errorsMany: string;
  copied: string;
  copyManual: string;
}

const form = document.querySelector<HTMLFormElement>('#propose-form');
if (form) setUpForm(form);

function setUpForm(form: HTMLFormElement) {
  const strings = JSON.parse(form.dataset.strings ?? '{}') as ContributeStrings;
  const taxonomy = JSON.parse(form.dataset.taxonomy ?? '[]') as FormTaxonomy[];
  const repository = { url: form.dataset.repository ?? '', branch: form.dataset.branch ?? 'main' };
  const sectorSelect = form.querySelector<HTMLSelectElement>('#f-sector')!;
  const industrySelect = form.querySelector<HTMLSelectElement>('#f-industry')!;
  const summary = form.querySelector<HTMLElement>('#propose-summary')!;
  const fallback = document.querySelector<HTMLElement>('#propose-fallback')!;

  document.querySelector<HTMLElement>('[data-propose-nojs]')?.setAttribute('hidden', '');
  form.hidden = false;

  // The industry list follows the chosen sector.
  const showIndustries = () => {
    const sector = taxonomy.find((candidate) => candidate.id === sectorSelect.value);
    // The first option stays "Choose…" (value ""): nothing is chosen for the person.
    const choose = industrySelect.options[0] ?? new Option('', '');
    industrySelect.replaceChildren(
      choose,
      ...(sector?.industries ?? []).map((industry) => new Option(industry.name, industry.id)),
    );
    industrySelect.value = '';
  };
  sectorSelect.addEventListener('change', showIndustries);
  showIndustries();

  const controls = () => [
    ...form.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('[name]'),
  ];

  const clearErrors = () => {
    for (const control of controls()) control.removeAttribute('aria-invalid');
    for (const message of form.querySelectorAll<HTMLElement>('.field-error')) {
      message.hidden = true;
      message.textContent = '';
    }
    summary.hidden = true;
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors();
    fallback.hidden = true;
    const fields: Record<string, string> = {};
    for (const control of controls()) fields[control.name] = control.value;
    const proposal = buildProposal(fields, taxonomy, repository, localDate());
    if (!proposal.ok) {
      for (const problem of proposal.problems) {
        const control = form.querySelector<HTMLElement>(`#f-${problem.field}`);
        const message = form.querySelector<HTMLElement>(`#f-${problem.field}-error`);
        control?.setAttribute('aria-invalid', 'true');
        if (message) {
          message.textContent = describeProblem(problem, strings.messages);
          message.hidden = false;
        }
      }
      const count = proposal.problems.length;
      summary.textContent = count === 1 ? strings.errorsOne : strings.errorsMany.replace('{n}', String(count));
      summary.hidden = false;
      form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    if (proposal.prefilledUrl) {
      window.location.assign(proposal.prefilledUrl);
      return;
    }
    document.querySelector<HTMLTextAreaElement>('#propose-text')!.value = proposal.content;
    document.querySelector('#propose-file')!.textContent = proposal.file;
    document.querySelector<HTMLAnchorElement>('#propose-empty-link')!.href = proposal.emptyUrl;
    fallback.hidden = false;
    fallback.focus();
  });

  document.querySelector('#propose-copy')?.addEventListener('click', async () => {
    const area = document.querySelector<HTMLTextAreaElement>('#propose-text')!;
    const status = document.querySelector<HTMLElement>('#propose-copy-status')!;
    try {
      await navigator.clipboard.writeText(area.value);
      status.textContent = strings.copied;
    } catch {
      // Clipboard access can be refused: select the text so Ctrl+C works.
      area.select();
      status.textContent = strings.copyManual;
    }
  });
}
