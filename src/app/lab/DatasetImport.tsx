// Import a routing dataset by file picker or drag and drop (native JSONL, LLMRouter JSONL, dcrouter JSON,
// RouterBench CSV, RouteLLM CSV), read in a worker with progress; errors name the file, line and field, and
// repeated sample ids are refused unless the user asks to keep the first of each.
import { useState } from 'react';
import { useLab } from '../stores/lab.ts';

export function DatasetImport() {
  const { importFile, importing, importProgress, importError, importNote, dedupe, setDedupe } = useLab();
  const [over, setOver] = useState(false);
  return (
    <div
      className={`dropzone${over ? ' over' : ''}`}
      aria-label="Drop a dataset here"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        const file = e.dataTransfer.files[0];
        if (file) void importFile(file);
      }}
    >
      <p>
        Drop a dataset here, or{' '}
        <label className="button">
          choose a file
          <input
            type="file"
            hidden
            aria-label="Import dataset"
            accept=".jsonl,.json,.csv"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void importFile(file);
            }}
          />
        </label>
      </p>
      <p className="muted">Native or LLMRouter JSONL, LLMRouter dcrouter JSON, RouterBench CSV, RouteLLM CSV.</p>
      <label>
        <input type="checkbox" checked={dedupe} onChange={(e) => setDedupe(e.target.checked)} /> Keep the first of repeated sample ids
      </label>
      {importing && (
        <p role="status">
          Importing {importing}… {importProgress?.note}{' '}
          <progress aria-label={`Importing ${importing}`} max={1} value={importProgress?.fraction ?? 0} />
        </p>
      )}
      {importNote && <p role="status">{importNote}</p>}
      {importError && (
        <p role="alert" className="error">
          {importError}
        </p>
      )}
    </div>
  );
}
