using Microsoft.Extensions.DependencyInjection;
using Enswitch.Client.Transport;
using Microsoft.Extensions.Http;

namespace Enswitch.Client.DependencyInjection;

/// <summary>
/// Puts the SDK's innermost handler directly above the handler that sends, whatever primary handler the application
/// configured, after every other configuration step, so that nothing can sit between it and the socket.
/// </summary>
internal sealed class EnswitchHandlerFilter : IHttpMessageHandlerBuilderFilter
{
    private readonly HashSet<string> _names;

    public EnswitchHandlerFilter(IEnumerable<EnswitchClientRegistration> registrations) =>
        _names = new HashSet<string>(registrations.Select(r => r.HttpClientName), StringComparer.Ordinal);

    public Action<HttpMessageHandlerBuilder> Configure(Action<HttpMessageHandlerBuilder> next) => builder =>
    {
        next(builder);
        if (builder.Name is null || !_names.Contains(builder.Name))
        {
            return;
        }

        builder.PrimaryHandler = Guard(builder.PrimaryHandler);
    };

    /// <summary>
    /// Puts the SDK's innermost handler directly above the handler that sends, whether the application configured it or
    /// handed it to <c>EnswitchClient.Create</c>, after turning that handler's redirects off, and returns the chain to
    /// send through. When <paramref name="primary"/> is a chain of <see cref="DelegatingHandler"/>s, the SDK's handler goes
    /// between its last handler and that handler's <see cref="DelegatingHandler.InnerHandler"/>, so that no handler of
    /// the application sits between the SDK's once-only send and the socket (a retrying one would send a create twice,
    /// a redirecting one would replay the password elsewhere); the application's handlers stay above it, as handlers
    /// added with <c>AddHttpMessageHandler</c> are.
    /// </summary>
    /// <param name="primary">The handler, or the outermost handler of the chain, that the application gave.</param>
    /// <param name="parameterName">The parameter that took <paramref name="primary"/>, for the exception, or <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">A handler of the chain has no inner handler, or the chain loops.</exception>
    /// <exception cref="InvalidOperationException">The chain has already sent requests, so that it can no longer be changed.</exception>
    internal static HttpMessageHandler Guard(HttpMessageHandler primary, string? parameterName = null)
    {
        DelegatingHandler? last = null;
        var innermost = primary;
        var walked = new List<DelegatingHandler>();
        while (innermost is DelegatingHandler delegating)
        {
            if (delegating is EnswitchPrimaryHandler)
            {
                // The same chain guarded a second time (a factory callback that returns one instance): the SDK's handler
                // is already where it belongs.
                return primary;
            }

            if (walked.Exists(seen => ReferenceEquals(seen, delegating)))
            {
                throw new ArgumentException(
                    $"The Enswitch client's primary handler is a chain of handlers that loops back to {delegating.GetType().Name}, so no request could ever reach a socket.",
                    parameterName);
            }

            walked.Add(delegating);
            if (delegating.InnerHandler is null)
            {
                throw new ArgumentException(
                    $"The Enswitch client's primary handler is a chain of handlers whose {delegating.GetType().Name} has no InnerHandler, so no request could reach a socket. " +
                    "End the chain with the handler that sends (a SocketsHttpHandler, HttpClientHandler or test server handler); " +
                    "or give that handler alone as the primary handler and add the others with AddHttpMessageHandler.",
                    parameterName);
            }

            last = delegating;
            innermost = delegating.InnerHandler;
        }

        try
        {
            TurnOffRedirects(innermost);
            var guard = new EnswitchPrimaryHandler(innermost);
            if (last is null)
            {
                return guard;
            }

            last.InnerHandler = guard;
            return primary;
        }
        catch (InvalidOperationException exception)
        {
            throw new InvalidOperationException(
                "The Enswitch client's primary handler has already sent requests, so its redirects cannot be turned off and the SDK's guard cannot be put above it. " +
                "Give the Enswitch client a handler of its own, created with AllowAutoRedirect = false.",
                exception);
        }
    }

    /// <summary>
    /// Turns off the redirects of the handler that sends: a 307 would replay the form body, password included, to the
    /// second host.
    /// </summary>
    private static void TurnOffRedirects(HttpMessageHandler handler)
    {
        switch (handler)
        {
#if NET
            case SocketsHttpHandler { AllowAutoRedirect: true } sockets:
                sockets.AllowAutoRedirect = false;
                break;
#endif
            case HttpClientHandler { AllowAutoRedirect: true } classic:
                classic.AllowAutoRedirect = false;
                break;
#if !NET
            case { } other:
                TurnOffRedirectsByName(other);
                break;
#endif
        }
    }

#if !NET
    // netstandard2.0 cannot name SocketsHttpHandler, yet on .NET Core and .NET it is the handler apps
    // configure, so its redirect switch is found by name (on any handler that has one; WinHttpHandler,
    // common on .NET Framework, calls it AutomaticRedirection).
    private static void TurnOffRedirectsByName(HttpMessageHandler handler)
    {
        var type = handler.GetType();
        var property = type.GetProperty("AllowAutoRedirect", typeof(bool)) ?? type.GetProperty("AutomaticRedirection", typeof(bool));
        if (property is not { CanRead: true, CanWrite: true } || !(bool)property.GetValue(handler)!)
        {
            return;
        }

        try
        {
            property.SetValue(handler, false);
        }
        catch (System.Reflection.TargetInvocationException exception) when (exception.InnerException is InvalidOperationException inner)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(inner).Throw();
        }
    }
#endif
}
