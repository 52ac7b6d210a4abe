namespace Enswitch.Client.Transport;

/// <summary>
/// The pipeline a registered client's calls use now. <see cref="DependencyInjection.EnswitchPipelines"/> replaces it
/// as a whole when the client's options change; a call keeps the pipeline it started with to its end, so its
/// credentials, limits and scrubber always belong together.
/// </summary>
internal sealed class PipelineSource
{
    private EnswitchPipeline _current;

    public PipelineSource(EnswitchPipeline initial) => _current = initial;

    /// <summary>Gets or sets the pipeline of every call that starts from now on.</summary>
    public EnswitchPipeline Current
    {
        get => Volatile.Read(ref _current);
        set => Volatile.Write(ref _current, value);
    }
}
