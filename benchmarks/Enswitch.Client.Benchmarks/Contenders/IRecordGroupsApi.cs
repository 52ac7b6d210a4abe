using Refit;

namespace Enswitch.Client.Benchmarks.Contenders;

/// <summary>The Refit declaration of the scenario's call.</summary>
internal interface IRecordGroupsApi
{
    [Post("/" + Scenario.Path)]
    Task<CreateEnvelope> CreateAsync([Body(BodySerializationMethod.UrlEncoded)] Dictionary<string, string> form, CancellationToken cancellationToken);
}
