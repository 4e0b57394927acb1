from therapeutic_model.cli import main

raise SystemExit(main())
