namespace Enswitch.Cli;

/// <summary>A mistake in how the tool was run (a missing password, an unknown profile, a bad option value): nothing was sent.</summary>
internal sealed class CliUsageException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="CliUsageException"/> class.</summary>
    public CliUsageException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="CliUsageException"/> class with a message that says what to do.</summary>
    /// <param name="message">The message, which must not hold a secret.</param>
    public CliUsageException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="CliUsageException"/> class with a message and a cause.</summary>
    /// <param name="message">The message, which must not hold a secret.</param>
    /// <param name="innerException">The cause.</param>
    public CliUsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
