from desktop_app.cli import main

if __name__ == "__main__":  # worker processes import this module again: nothing runs then
    raise SystemExit(main())
