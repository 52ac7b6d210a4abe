using System.Diagnostics.CodeAnalysis;
using System.Net.Http;

namespace Enswitch.Client.Transport;

/// <summary>
/// What is known about one attempt while it travels through the handler chain: whether its body
/// started, whether the SDK's innermost handler saw it, and whether a failure proves nothing was sent.
/// </summary>
internal sealed class AttemptState
{
    private const string KeyName = "Enswitch.Client.Attempt";
#if NET
    private static readonly HttpRequestOptionsKey<AttemptState> Key = new(KeyName);
#endif

    private int _sends;

    public AttemptState(OperationKind kind, string? deferredQuery, bool viaSdkHandler = false)
    {
        Kind = kind;
        DeferredQuery = deferredQuery;
        ViaSdkHandler = viaSdkHandler;
    }

    /// <summary>Gets a value indicating whether the SDK's innermost handler is in the chain that sends this attempt.</summary>
    public bool ViaSdkHandler { get; }

    /// <summary>Gets the kind of the call this attempt belongs to.</summary>
    public OperationKind Kind { get; }

    /// <summary>
    /// Gets the query string the innermost handler adds in GET mode, so that no outer handler (the
    /// HttpClient factory's loggers among them) ever sees a URL that holds the password.
    /// </summary>
    public string? DeferredQuery { get; }

    /// <summary>Gets the scrubber the innermost handler masks response headers with, before outer handlers log them.</summary>
    public SecretScrubber? Scrubber { get; init; }

    /// <summary>Gets how many times the innermost handler was asked to send this attempt.</summary>
    public int Sends => Volatile.Read(ref _sends);

    /// <summary>Gets or sets a value indicating whether the request body started to be written.</summary>
    public bool BodyStarted { get; set; }

    /// <summary>Gets or sets a value indicating whether the innermost handler proved the request never left.</summary>
    public bool ProvenNotSent { get; set; }

    /// <summary>
    /// Gets or sets the address a handler below the innermost one sent the request on to (it followed a redirect), as
    /// the innermost handler saw it before restoring the request's own address; <see langword="null"/> when it did not.
    /// </summary>
    public Uri? RedirectedTo { get; set; }

    /// <summary>
    /// Attaches <paramref name="state"/> to <paramref name="request"/>, where the SDK's innermost handler finds it: in the
    /// request's options, which a handler that clones the request copies, and (through <see cref="TrackingContent"/>) on
    /// its body, which a handler that copies the request without its options keeps.
    /// </summary>
    public static void Attach(HttpRequestMessage request, AttemptState state)
    {
#if NET
        request.Options.Set(Key, state);
#else
        request.Properties[KeyName] = state;
#endif
    }

    /// <summary>Returns the state attached to <paramref name="request"/>, if the SDK sent it.</summary>
    public static bool TryGet(HttpRequestMessage request, [NotNullWhen(true)] out AttemptState? state)
    {
#if NET
        if (request.Options.TryGetValue(Key, out state))
        {
            return true;
        }
#else
        state = request.Properties.TryGetValue(KeyName, out var value) ? value as AttemptState : null;
        if (state is not null)
        {
            return true;
        }
#endif
        state = (request.Content as TrackingContent)?.State;
        return state is not null;
    }

    /// <summary>Records a send and returns whether it is the first.</summary>
    public bool TryBeginSend() => Interlocked.Increment(ref _sends) == 1;
}
