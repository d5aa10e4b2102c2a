print("folio: under construction")
