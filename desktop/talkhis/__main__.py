from talkhis.cli import main

raise SystemExit(main())
