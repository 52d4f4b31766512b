"""The SDK v2 equivalent of each SDK v1 / CLI v1 concept, built as real azure-ai-ml entities.

Nothing here talks to Azure: every entity is built and validated by the SDK offline. Submitting
one is a single ``ml_client.<operations>.begin_create_or_update(entity)`` call.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from azure.ai.ml import Input, MLClient, Output, command, dsl
from azure.ai.ml.constants import AssetTypes, MonitorDatasetContext
from azure.ai.ml.entities import (
    BatchEndpoint,
    CodeConfiguration,
    Data,
    DataDriftSignal,
    Environment,
    KubernetesOnlineDeployment,
    KubernetesOnlineEndpoint,
    ManagedOnlineDeployment,
    ManagedOnlineEndpoint,
    Model,
    MonitorDefinition,
    MonitoringTarget,
    MonitorSchedule,
    PipelineComponentBatchDeployment,
    ProductionData,
    RecurrenceTrigger,
    ReferenceData,
    ServerlessSparkCompute,
)
from azure.core.credentials import AccessToken

ENVIRONMENT = "azureml://registries/azureml/environments/sklearn-1.5/labels/latest"


class OfflineCredential:
    """A credential that is never asked for a token here: nothing is sent to Azure."""

    def get_token(self, *_scopes: str, **_kwargs: object) -> AccessToken:
        """Refuse: an operation that needs a token would mean a call to Azure."""
        raise RuntimeError("this example never calls Azure")


# --8<-- [start:workspace]
def workspace_client() -> MLClient:
    """v1 ``Workspace.from_config()`` -> v2 ``MLClient`` (one client, every operation)."""
    return MLClient(
        credential=OfflineCredential(),  # DefaultAzureCredential() in real use
        subscription_id="00000000-0000-0000-0000-000000000000",
        resource_group_name="rg-mlops-dev",
        workspace_name="mlw-motor-dev",
    )
    # --8<-- [end:workspace]


# --8<-- [start:data-asset]
def policies_data_asset() -> Data:
    """v1 ``Dataset.Tabular.from_delimited_files(...).register(...)`` -> v2 data asset."""
    return Data(
        name="motor-policies",
        version="3",
        type=AssetTypes.URI_FILE,  # a v1 FileDataset becomes uri_folder; a TabularDataset, mltable
        path="azureml://datastores/lake/paths/motor/policies/2026-11-30/policies.csv",
        description="Policy snapshot the Motor renewal model trains on",
    )
    # --8<-- [end:data-asset]


# --8<-- [start:command-job]
def training_command_job(code: str = "./src"):
    """v1 ``ScriptRunConfig`` or an estimator submitted to an experiment -> v2 command job."""
    return command(
        display_name="train-motor-renewal",
        experiment_name="motor-renewal",  # v1 Experiment -> the job's experiment_name
        code=code,
        command="python train.py --data ${{inputs.policies}} --model ${{outputs.model}}",
        inputs={"policies": Input(type=AssetTypes.URI_FILE, path="azureml:motor-policies:3")},
        outputs={"model": Output(type=AssetTypes.MLFLOW_MODEL)},
        environment=ENVIRONMENT,
        compute="cpu-cluster",  # or omit it: the job then runs on serverless compute
    )
    # --8<-- [end:command-job]


# --8<-- [start:pipeline-job]
def training_pipeline_job(code: str = "./src"):
    """v1 ``Pipeline([PythonScriptStep, ...])`` -> v2 pipeline job of components."""
    prep = command(
        name="prep",
        code=code,
        command="python prep.py --raw ${{inputs.raw}} --clean ${{outputs.clean}}",
        inputs={"raw": Input(type=AssetTypes.URI_FILE)},
        outputs={"clean": Output(type=AssetTypes.URI_FOLDER)},
        environment=ENVIRONMENT,
    )
    train = command(
        name="train",
        code=code,
        command="python train.py --data ${{inputs.data}} --model ${{outputs.model}}",
        inputs={"data": Input(type=AssetTypes.URI_FOLDER)},
        outputs={"model": Output(type=AssetTypes.MLFLOW_MODEL)},
        environment=ENVIRONMENT,
    )

    @dsl.pipeline(name="motor-renewal-training", default_compute="cpu-cluster")
    def pipeline(raw):
        cleaned = prep(raw=raw)
        trained = train(data=cleaned.outputs.clean)
        return {"model": trained.outputs.model}

    return pipeline(raw=Input(type=AssetTypes.URI_FILE, path="azureml:motor-policies:3"))
    # --8<-- [end:pipeline-job]


# --8<-- [start:batch-pipeline]
def published_pipeline_replacement() -> tuple[BatchEndpoint, PipelineComponentBatchDeployment]:
    """v1 ``PublishedPipeline`` / ``PipelineEndpoint`` -> batch endpoint + pipeline deployment."""
    endpoint = BatchEndpoint(name="motor-renewal-scoring", description="Nightly policy scoring")
    deployment = PipelineComponentBatchDeployment(
        name="nightly",
        endpoint_name=endpoint.name,
        component=training_pipeline_job().component,  # any pipeline component, e.g. scoring
        settings={"default_compute": "cpu-cluster", "continue_on_step_failure": False},
    )
    return endpoint, deployment
    # --8<-- [end:batch-pipeline]


# --8<-- [start:online-endpoint]
def web_service_replacement() -> tuple[ManagedOnlineEndpoint, ManagedOnlineDeployment]:
    """v1 ``Model.deploy(...)`` to ACI or AKS -> v2 managed online endpoint + deployment."""
    endpoint = ManagedOnlineEndpoint(name="motor-renewal", auth_mode="key")
    deployment = ManagedOnlineDeployment(
        name="blue",
        endpoint_name=endpoint.name,
        model=Model(path="./model", type=AssetTypes.MLFLOW_MODEL, name="motor-renewal"),
        instance_type="Standard_F8as_v6",
        instance_count=3,
    )
    return endpoint, deployment
    # --8<-- [end:online-endpoint]


# --8<-- [start:kubernetes-endpoint]
def aks_web_service_replacement() -> tuple[KubernetesOnlineEndpoint, KubernetesOnlineDeployment]:
    """v1 ``AksWebservice`` kept on your own cluster -> v2 Kubernetes online endpoint."""
    endpoint = KubernetesOnlineEndpoint(
        name="motor-renewal-k8s", compute="aks-prod", auth_mode="key"
    )
    deployment = KubernetesOnlineDeployment(
        name="blue",
        endpoint_name=endpoint.name,
        model="azureml:motor-renewal:7",
        code_configuration=CodeConfiguration(code="./src", scoring_script="score.py"),
        environment=Environment(
            image="mcr.microsoft.com/azureml/minimal-ubuntu22.04-py39-cpu-inference:latest",
            conda_file={
                "dependencies": [
                    "python=3.11",
                    "pip",
                    {"pip": ["azureml-inference-server-http", "scikit-learn"]},
                ]
            },
        ),
        instance_type="defaultinstancetype",
        instance_count=3,
    )
    return endpoint, deployment
    # --8<-- [end:kubernetes-endpoint]


# --8<-- [start:model-monitor]
def dataset_monitor_replacement() -> MonitorSchedule:
    """v1 ``DataDriftDetector`` on a dataset (retired) -> v2 model monitor on the deployment."""
    baseline = ReferenceData(
        input_data=Input(type=AssetTypes.MLTABLE, path="azureml:motor-policies-baseline:1"),
        data_context=MonitorDatasetContext.TRAINING,
    )
    live = ProductionData(
        input_data=Input(
            type=AssetTypes.URI_FOLDER,
            path="azureml:motor-renewal-blue-model_inputs:1",
        ),
        data_context=MonitorDatasetContext.MODEL_INPUTS,
    )
    return MonitorSchedule(
        name="motor-renewal-drift",
        trigger=RecurrenceTrigger(frequency="day", interval=1),
        create_monitor=MonitorDefinition(
            compute=ServerlessSparkCompute(instance_type="standard_e4s_v3", runtime_version="3.4"),
            monitoring_target=MonitoringTarget(
                ml_task="classification", endpoint_deployment_id="azureml:motor-renewal:blue"
            ),
            monitoring_signals={
                "drift": DataDriftSignal(production_data=live, reference_data=baseline)
            },
        ),
    )
    # --8<-- [end:model-monitor]


def validation_errors(code: str) -> dict[str, str]:
    """Validate the command and pipeline jobs offline against a real source folder.

    Args:
        code: Folder holding the training scripts (the jobs' ``code``).

    Returns:
        The SDK's messages by field; empty when both jobs are valid.
    """
    errors: dict[str, str] = {}
    for job in (training_command_job(code), training_pipeline_job(code)):
        errors.update(job._validate().error_messages)
    return errors


def main() -> None:
    """Build every v2 equivalent and print one line per v1 concept."""
    with tempfile.TemporaryDirectory() as folder:
        for script in ("prep.py", "train.py"):
            (Path(folder) / script).write_text("print('stand-in script')\n")
        print("jobs valid:", validation_errors(folder) == {})
    client = workspace_client()
    endpoint, deployment = published_pipeline_replacement()
    online, blue = web_service_replacement()
    k8s, k8s_blue = aks_web_service_replacement()
    rows = [
        ("Workspace.from_config", type(client).__name__, client.workspace_name),
        ("Dataset.register", type(policies_data_asset()).__name__, policies_data_asset().name),
        ("ScriptRunConfig", type(training_command_job()).__name__, "train-motor-renewal"),
        ("PythonScriptStep pipeline", type(training_pipeline_job()).__name__, "2 steps"),
        ("PublishedPipeline", type(deployment).__name__, f"{endpoint.name}/{deployment.name}"),
        ("AciWebservice", type(blue).__name__, f"{online.name}/{blue.name}"),
        ("AksWebservice", type(k8s_blue).__name__, f"{k8s.name}/{k8s_blue.name}"),
        ("DataDriftDetector", type(dataset_monitor_replacement()).__name__, "daily"),
    ]
    for v1, v2, name in rows:
        print(f"{v1:<26} -> {v2:<33} {name}")


if __name__ == "__main__":
    main()
