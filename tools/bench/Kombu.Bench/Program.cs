using Kombu.Bench;

var options = HarnessOptions.Parse(args);
var root = Environment.GetEnvironmentVariable("KOMBU_ROOT") ?? Directory.GetCurrentDirectory();
var harness = new Harness(options, root);
return harness.Run();
