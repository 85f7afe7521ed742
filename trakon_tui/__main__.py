from trakon_tui.cli import main

raise SystemExit(main())
