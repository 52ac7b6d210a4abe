using Microsoft.Extensions.DependencyInjection;

namespace Enswitch.Client.Tests;

/// <summary>
/// Clients resolved from the container are cheap transients: resolving one per job from the root provider
/// must not keep every one of them alive until the application ends.
/// </summary>
public class ClientLifetimeTests
{
    [Fact]
    public void ClientsResolvedFromTheRootProvider_AreNotKeptAliveByTheContainer()
    {
        var services = new ServiceCollection();
        services.AddEnswitchClient(o => TestOptions.Apply(o, null));
        services.AddEnswitchClient("pbx-a", o => TestOptions.Apply(o, null));
        using var provider = services.BuildServiceProvider();

        var resolved = Resolve(provider);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.Equal(0, resolved.Count(r => r.IsAlive));
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static List<WeakReference> Resolve(IServiceProvider provider)
    {
        var resolved = new List<WeakReference>();
        var factory = provider.GetRequiredService<IEnswitchClientFactory>();
        for (var i = 0; i < 50; i++)
        {
            resolved.Add(new WeakReference(provider.GetRequiredService<IEnswitchClient>()));
            resolved.Add(new WeakReference(provider.GetRequiredKeyedService<IEnswitchClient>("pbx-a")));
            resolved.Add(new WeakReference(provider.GetRequiredService<Recording.IRecordGroupsClient>()));
            resolved.Add(new WeakReference(factory.CreateClient("pbx-a")));
        }

        return resolved;
    }
}
