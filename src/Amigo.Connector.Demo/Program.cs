// `amigo-demo [--port N] …`; a leading `demo` is accepted too (`amigo-demo demo …`, the old `amigo demo …` spelling).
return await DemoCommand.RunAsync(args is ["demo", .. var rest] ? rest : args);
