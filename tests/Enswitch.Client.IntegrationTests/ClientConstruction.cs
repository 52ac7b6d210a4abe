namespace Enswitch.Client.IntegrationTests;

/// <summary>The two ways an application builds the SDK's client, each with the SDK's own handler chain.</summary>
public enum ClientConstruction
{
    /// <summary><c>services.AddEnswitchClient(...)</c> and the clients resolved from the container.</summary>
    DependencyInjection,

    /// <summary><c>EnswitchClient.Create(options)</c>, without dependency injection.</summary>
    Create,
}
