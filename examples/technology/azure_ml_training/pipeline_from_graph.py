"""Build the dev environment's Azure ML pipeline job from the graph and validate it, offline."""

import tempfile

from reference_impl.azureml.components import pipeline_components
from reference_impl.azureml.environment import environment_reference, runtime_environment
from reference_impl.azureml.pipeline import build_pipeline_job, validation_errors
from reference_impl.azureml.yaml_files import pipeline_job_dict
from reference_impl.config import load_config


def main() -> None:
    """Print every node of the job: the ports it reads and the parameters it gets."""
    from azure.ai.ml import Input  # azure-ai-ml takes seconds to import: only when needed

    # --8<-- [start:offline-check]
    config = load_config("dev")
    environment = environment_reference(runtime_environment())
    with tempfile.TemporaryDirectory() as snapshot:  # stands in for the uploaded code
        components = pipeline_components(code=snapshot, environment=environment)
        data = Input(type="uri_file", path="azureml:churn-customers:1")
        job = build_pipeline_job(config, components, {"raw_data": data})
        print(f"valid offline: {validation_errors(job) == {}}; compute: {job.compute}")
        for name, node in pipeline_job_dict(job)["jobs"].items():
            reads = [v["path"] for v in node["inputs"].values() if isinstance(v, dict)]
            params = {k: v for k, v in node["inputs"].items() if not isinstance(v, dict)}
            print(f"{name:<9} reads {', '.join(reads)}")
            print(f"{'':<9} params {params}")
    # --8<-- [end:offline-check]


if __name__ == "__main__":
    main()
