using Microsoft.Extensions.DependencyInjection;
using Enswitch.Client.Transport;
using Microsoft.Extensions.Http;

namespace Enswitch.Client.DependencyInjection;

/// <summary>
/// Wraps the SDK client's primary handler, whatever the application configured, in the SDK's innermost
/// handler, after every other configuration step, so that nothing can sit between it and the socket.
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
    /// Puts the SDK's innermost handler directly on <paramref name="primary"/>, whether the application configured it or
    /// handed it to <c>EnswitchClient.Create</c>, after turning its redirects off.
    /// </summary>
    internal static EnswitchPrimaryHandler Guard(HttpMessageHandler primary)
    {
        // A replaced primary handler must not follow redirects either: a 307 would replay the form
        // body, password included, to the second host.
        try
        {
            switch (primary)
            {
#if NET
                case SocketsHttpHandler { AllowAutoRedirect: true } sockets:
                    sockets.AllowAutoRedirect = false;
                    break;
#endif
                case HttpClientHandler { AllowAutoRedirect: true } handler:
                    handler.AllowAutoRedirect = false;
                    break;
#if !NET
                case { } other:
                    TurnOffRedirectsByName(other);
                    break;
#endif
            }
        }
        catch (InvalidOperationException exception)
        {
            throw new InvalidOperationException(
                "The Enswitch client's primary handler has already sent requests, so its redirects cannot be turned off. " +
                "Give the Enswitch client a handler of its own, created with AllowAutoRedirect = false.",
                exception);
        }

        return new EnswitchPrimaryHandler(primary);
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
