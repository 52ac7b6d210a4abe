namespace Enswitch.Client;

/// <summary>
/// A call used a function or parameter that the configured <see cref="EnswitchClientOptions.ServerVersion"/>
/// does not have. It is raised before anything is sent.
/// </summary>
public sealed class EnswitchFeatureNotSupportedException : NotSupportedException
{
    /// <summary>Initializes a new instance of the <see cref="EnswitchFeatureNotSupportedException"/> class.</summary>
    public EnswitchFeatureNotSupportedException()
        : this("The Enswitch server version does not support this feature.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="EnswitchFeatureNotSupportedException"/> class with a message.</summary>
    /// <param name="message">The message.</param>
    public EnswitchFeatureNotSupportedException(string message)
        : this(message, null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="EnswitchFeatureNotSupportedException"/> class with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The exception that caused this one, or <see langword="null"/>.</param>
    public EnswitchFeatureNotSupportedException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Feature = string.Empty;
    }

    internal EnswitchFeatureNotSupportedException(string feature, Version requiredVersion, Version serverVersion)
        : this($"{feature} needs Enswitch {requiredVersion} or later, but ServerVersion is {serverVersion}; nothing was sent.", feature, requiredVersion, serverVersion)
    {
    }

    internal EnswitchFeatureNotSupportedException(string message, string feature, Version? requiredVersion, Version serverVersion)
        : base(message)
    {
        Feature = feature;
        RequiredVersion = requiredVersion;
        ServerVersion = serverVersion;
    }

    /// <summary>Gets the function or parameter that is not supported, for example <c>parameter 'beep'</c>.</summary>
    public string Feature { get; }

    /// <summary>Gets the Enswitch version that added the feature, or <see langword="null"/> when the feature is refused because later guides no longer list it.</summary>
    public Version? RequiredVersion { get; }

    /// <summary>Gets the configured server version.</summary>
    public Version? ServerVersion { get; }
}
