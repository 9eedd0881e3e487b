using BarberPro.Simulator.Cli;

return await SimulatorCli.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
