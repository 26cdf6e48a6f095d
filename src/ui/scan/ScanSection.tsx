import { useQuery } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { REACH_ORDER, type ScannedConfiguration } from '../../engine/scan/index';
import type { ScanOpenable } from '../worker/analysis-protocol';
import { scanQuery } from '../state/queries';
import './scan.css';

interface Props {
  /** The instant every configuration is judged at. */
  at: number;
  /** Opens one configuration in the workbench, with its exposure. */
  onOpen: (configuration: ScanOpenable) => void;
}

interface Input {
  file: string;
  text: string;
}

type Column = 'reach' | 'provider' | 'issuer' | 'name' | 'findings';

const COLUMNS: Array<{ id: Column; label: string }> = [
  { id: 'reach', label: 'Reach' },
  { id: 'provider', label: 'Provider' },
  { id: 'issuer', label: 'Issuer' },
  { id: 'name', label: 'Name' },
  { id: 'findings', label: 'Findings' },
];

function sortKey(row: ScannedConfiguration, column: Column): string | number {
  switch (column) {
    case 'reach': return REACH_ORDER.indexOf(row.reach);
    case 'provider': return row.provider;
    case 'issuer': return row.issuers[0] ?? '';
    case 'name': return row.name;
    case 'findings': return -row.findings.length;
  }
}

/**
 * Many configurations at once: paste or drop account exports, Terraform or CloudFormation files,
 * gcloud, Vault or Azure listings; each configuration is listed with the widest reach of the
 * tokens it admits, and a row opens it in the workbench. Everything stays in this page.
 */
export function ScanSection({ at, onOpen }: Props) {
  const headingId = useId();
  const [pasted, setPasted] = useState('');
  const [files, setFiles] = useState<Input[]>([]);
  const [asked, setAsked] = useState<{ inputs: Input[]; at: number } | null>(null);
  const [sort, setSort] = useState<{ column: Column; descending: boolean }>({ column: 'reach', descending: false });

  const scan = useQuery(scanQuery(asked));

  const rows = useMemo(() => {
    if (!scan.data) return [];
    const indexed = scan.data.report.configurations.map((row, index) => ({ row, openable: scan.data.openable[index] ?? null }));
    const direction = sort.descending ? -1 : 1;
    return [...indexed].sort((a, b) => {
      const x = sortKey(a.row, sort.column);
      const y = sortKey(b.row, sort.column);
      return (x < y ? -1 : x > y ? 1 : 0) * direction;
    });
  }, [scan.data, sort]);

  const readFiles = async (list: FileList | null) => {
    if (!list) return;
    setFiles(await Promise.all([...list].map(async (file) => ({ file: file.name, text: await file.text() }))));
  };
  const inputs = [...files, ...(pasted.trim() ? [{ file: 'pasted', text: pasted }] : [])];

  return (
    <details className="scan-section" data-testid="scan-section">
      <summary>
        <h2 id={headingId}>Scan many configurations</h2>
      </summary>
      <p className="muted small">
        Paste or choose account exports (<code>aws iam get-account-authorization-details</code>, <code>list-roles</code>), Terraform or CloudFormation files,
        Terraform plan JSON, <code>gcloud … providers list</code>, <code>vault read</code> outputs or <code>az … federated-credential list</code>. Each
        configuration that trusts a CI issuer is listed with who can reach it. Nothing leaves this page.
      </p>
      <label htmlFor={`${headingId}-paste`} className="small">
        Export or file text
      </label>
      <textarea id={`${headingId}-paste`} className="code-input plain" rows={6} data-testid="scan-input" value={pasted} onChange={(event) => setPasted(event.target.value)} spellCheck={false} />
      <div className="scan-actions">
        <label className="small">
          Files <input type="file" multiple data-testid="scan-files" onChange={(event) => void readFiles(event.target.files)} />
        </label>
        <button type="button" data-testid="scan-run" disabled={inputs.length === 0} onClick={() => setAsked({ inputs, at })}>
          Scan
        </button>
      </div>
      {scan.isFetching && <p className="muted small">Scanning…</p>}
      {scan.error && (
        <p className="callout callout-error" role="alert">
          The scan could not run: {scan.error.message}
        </p>
      )}
      {scan.data && (
        <div aria-labelledby={headingId} data-testid="scan-result">
          <p className="small" data-testid="scan-summary">
            {scan.data.report.scanned} configuration{scan.data.report.scanned === 1 ? '' : 's'} read, {scan.data.report.skipped} trust no OIDC issuer,{' '}
            {scan.data.report.configurations.length} analysed.
          </p>
          {scan.data.report.errors.map((error) => (
            <p key={`${error.source.file}:${error.message}`} className="callout callout-warning small">
              {error.source.file}: {error.message}
            </p>
          ))}
          {rows.length > 0 && (
            <div className="scan-table-wrap">
              <table className="scan-table">
                <thead>
                  <tr>
                    {COLUMNS.map((column) => (
                      <th key={column.id} scope="col" aria-sort={sort.column === column.id ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
                        <button type="button" className="link-button" onClick={() => setSort({ column: column.id, descending: sort.column === column.id ? !sort.descending : false })}>
                          {column.label}
                        </button>
                      </th>
                    ))}
                    <th scope="col">
                      <span className="visually-hidden">Open</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map(({ row, openable }) => (
                    <tr key={`${row.source.file}:${row.source.line ?? 1}:${row.name}`} data-testid="scan-row" data-reach={row.reach}>
                      <td>
                        <span className={`reach-badge reach-${row.reach}`}>{row.reach}</span>
                      </td>
                      <td>{row.provider}</td>
                      <td className="scan-issuer">{row.issuers.join(', ')}</td>
                      <td>
                        {row.name}
                        <div className="muted small">
                          {row.source.file}
                          {row.source.line !== undefined ? `:${row.source.line}` : ''}
                        </div>
                      </td>
                      <td>{row.findings.length === 0 ? '—' : row.findings.map((finding) => `${finding.severity}: ${finding.message}`).join('; ')}</td>
                      <td>
                        {openable && (
                          <button type="button" data-testid="scan-open" onClick={() => onOpen(openable)} aria-label={`Open ${row.name} in the workbench`}>
                            Open
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      )}
    </details>
  );
}
