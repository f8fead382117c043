// Import a routing dataset by file picker or drag and drop (native JSONL, LLMRouter JSONL, dcrouter JSON,
// RouterBench CSV, RouteLLM CSV); errors name the file, line and field.
import { useState } from 'react';
import { useLab } from '../stores/lab.ts';

export function DatasetImport() {
  const { importFile, importing, importError } = useLab();
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
      {importing && <p role="status">Importing {importing}…</p>}
      {importError && (
        <p role="alert" className="error">
          {importError}
        </p>
      )}
    </div>
  );
}
