// The router lab: import a dataset, see its statistics, train and evaluate routers, look at the curves.
export function LabPage() {
  return <div className="page lab" />;
}
