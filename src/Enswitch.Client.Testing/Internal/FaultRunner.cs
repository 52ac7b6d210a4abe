using System.Text;
using Microsoft.AspNetCore.Http;

namespace Enswitch.Client.Testing.Internal;

/// <summary>Carries out an <see cref="EmulatorFault"/> on a live HTTP exchange.</summary>
internal static class FaultRunner
{
    private const long EndlessCap = 1L << 30;
    private static readonly byte[] Filler = Encoding.ASCII.GetBytes(new string(' ', 64 * 1024));
    private static readonly byte[] PartialEnvelope = Encoding.ASCII.GetBytes("{\"responses\":[{\"code\":\"200\",\"key\":\"\",\"message\":\"OK\"}],\"data\":{\"id\":" + new string('1', 4096));

    /// <summary>
    /// Runs the fault; returns <see langword="true"/> when the request should then be answered normally.
    /// A <see cref="EmulatorFaultKind.Delay"/> awaits <paramref name="delay"/>, the wait armed by the caller.
    /// </summary>
    public static async Task<bool> RunAsync(HttpContext context, EmulatorFault fault, Task? delay, CancellationToken stop)
    {
        var response = context.Response;
        switch (fault.Kind)
        {
            case EmulatorFaultKind.CloseAfterRequest:
                context.Abort();
                return false;

            case EmulatorFaultKind.Hang:
                await WaitForeverAsync(stop).ConfigureAwait(false);
                return false;

            case EmulatorFaultKind.Delay:
                await (delay ?? Task.CompletedTask).ConfigureAwait(false);
                return true;

            case EmulatorFaultKind.StallBody:
                response.StatusCode = 200;
                response.ContentType = "application/json";
                response.ContentLength = 1000;
                await response.StartAsync(stop).ConfigureAwait(false);
                await response.Body.FlushAsync(stop).ConfigureAwait(false);
                await WaitForeverAsync(stop).ConfigureAwait(false);
                return false;

            case EmulatorFaultKind.ResetMidBody:
                response.StatusCode = 200;
                response.ContentType = "application/json";
                response.ContentLength = fault.Length;
                await WriteFillerAsync(response, PartialEnvelope, fault.SentLength, stop).ConfigureAwait(false);
                await response.Body.FlushAsync(stop).ConfigureAwait(false);

                // No context.Abort(): with it the client got a connection reset before it could read the
                // headers, as if nothing had been sent. Ending with fewer bytes than Content-Length makes
                // Kestrel send what was written and then close the connection.
                return false;

            case EmulatorFaultKind.Raw:
            case EmulatorFaultKind.Envelope:
                response.StatusCode = fault.StatusCode;
                response.ContentType = fault.ContentType;
                foreach (var header in fault.Headers)
                {
                    response.Headers[header.Key] = header.Value;
                }

                await response.WriteAsync(fault.Body, stop).ConfigureAwait(false);
                return false;

            case EmulatorFaultKind.OversizedBody:
                response.StatusCode = 200;
                response.ContentType = "application/json";
                response.ContentLength = fault.Length;
                await WriteFillerAsync(response, Filler, fault.Length, stop).ConfigureAwait(false);
                return false;

            case EmulatorFaultKind.EndlessBody:
                response.StatusCode = 200;
                response.ContentType = "application/json";
                await WriteFillerAsync(response, Filler, EndlessCap, stop).ConfigureAwait(false);
                return false;

            default:
                throw new InvalidOperationException($"Unknown fault {fault.Kind}.");
        }
    }

    private static async Task WriteFillerAsync(HttpResponse response, byte[] source, long total, CancellationToken stop)
    {
        for (long sent = 0; sent < total && !stop.IsCancellationRequested;)
        {
            var count = (int)Math.Min(source.Length, total - sent);
            await response.Body.WriteAsync(source.AsMemory(0, count), stop).ConfigureAwait(false);
            sent += count;
        }
    }

    private static async Task WaitForeverAsync(CancellationToken stop)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The client went away or the emulator stopped: the hang is over.
        }
    }
}
