namespace Enswitch.Client.Benchmarks.Contenders;

/// <summary>Every contender, each over a transport of its own, in the order the reports list them.</summary>
internal sealed class ContenderSet : IDisposable
{
    public ContenderSet(Func<HttpMessageHandler> transport, Credentials credentials)
    {
        Floor = new FloorContender(transport(), credentials);
        Sdk = new SdkContender(transport(), credentials);
        SdkWithoutRetryOrBreaker = new SdkContender(transport(), credentials, retryAndBreaker: false);
        Refit = new RefitContender(transport(), credentials);
        RestSharp = new RestSharpContender(transport(), credentials);
        Flurl = new FlurlContender(transport(), credentials);
    }

    public IContender Floor { get; }

    public IContender Sdk { get; }

    public IContender SdkWithoutRetryOrBreaker { get; }

    public IContender Refit { get; }

    public IContender RestSharp { get; }

    public IContender Flurl { get; }

    public IReadOnlyList<IContender> All => [Floor, Sdk, SdkWithoutRetryOrBreaker, Refit, RestSharp, Flurl];

    public static IContender Create(string name, HttpMessageHandler transport, Credentials credentials) => name switch
    {
        nameof(Floor) => new FloorContender(transport, credentials),
        nameof(Sdk) => new SdkContender(transport, credentials),
        nameof(SdkWithoutRetryOrBreaker) => new SdkContender(transport, credentials, retryAndBreaker: false),
        nameof(Refit) => new RefitContender(transport, credentials),
        nameof(RestSharp) => new RestSharpContender(transport, credentials),
        nameof(Flurl) => new FlurlContender(transport, credentials),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "No such contender."),
    };

    public void Dispose()
    {
        foreach (var contender in All)
        {
            contender.Dispose();
        }
    }
}
