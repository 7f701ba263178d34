import DebriefCLI

DebriefMain.run()
