using Enswitch.Client.Recording;
using Enswitch.Client.Sample;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

var commandLine = SampleCommandLine.Parse(args);
if (SampleCommandLine.UsageError(commandLine) is { } usageError)
{
    Console.Error.WriteLine($"error: {usageError}");
    return ExitCodes.Usage;
}

if (commandLine.Action is not null)
{
    // --help or --version: System.CommandLine prints it.
    return await commandLine.InvokeAsync();
}

var arguments = SampleCommandLine.Read(commandLine);

// Configuration: appsettings.json beside the program, then environment variables, then --Enswitch:Key=value.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
{
    Args = arguments.ConfigurationArguments,
    ContentRootPath = AppContext.BaseDirectory,
});

// stdout carries only the result, so that scripts can read it; log lines go to stderr. The host's own
// start-up failure log is dropped: the sample reports that failure itself, in one line.
builder.Logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);

SelectedServer server;
try
{
    server = await EnswitchServerSelection.ChooseAsync(builder.Configuration, CancellationToken.None);
}
catch (Exception exception) when (exception is IOException or InvalidOperationException or System.Net.Sockets.SocketException)
{
    Console.Error.WriteLine($"error: the embedded Enswitch emulator could not start ({exception.GetType().Name}); set Enswitch__BaseAddress to use a real server.");
    return ExitCodes.Unexpected;
}

await using var ownedServer = server;
builder.Services.AddEnswitchClient(server.Configuration.GetSection(EnswitchServerSelection.SectionName));
using var host = builder.Build();
try
{
    // Starting the host validates the Enswitch options (ValidateOnStart), before anything is sent.
    await host.StartAsync();
    var client = host.Services.GetRequiredService<IRecordGroupsClient>();
    var stopping = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
    Console.WriteLine(await RunAsync(client, arguments, stopping));
    return ExitCodes.Success;
}
catch (Exception exception)
{
    var (exitCode, message) = FailureReport.Describe(exception, arguments);
    Console.Error.WriteLine($"error: {message}");
    return exitCode;
}
finally
{
    await host.StopAsync();
}

static async Task<string> RunAsync(IRecordGroupsClient client, SampleArguments arguments, CancellationToken cancellationToken)
{
    if (arguments.ValidateOnly)
    {
        await client.ValidateCreateAsync(arguments.Request, cancellationToken: cancellationToken);
        return $"Record group \"{arguments.Request.Name}\" is valid; nothing was created (--validate-only).";
    }

    var created = await client.CreateAsync(arguments.Request, cancellationToken: cancellationToken);
    return $"Created record group {created.Id}";
}
