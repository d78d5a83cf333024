-- 1. nip [spreadsheet_error]
WHEN CASE WHEN starts_with("nip", '#') THEN list_contains(['#N/A', '#REF!', '#VALUE!', '#DIV/0!', '#NAME?', '#NULL!', '#NUM!', '#SPILL!', '#CALC!', '#GETTING_DATA'], "nip") ELSE FALSE END
THEN 'spreadsheet error ' || "nip" || ' in nip (a formula that failed in Excel, saved as its error); fix the formula or type the value'

-- 2. jenis [spreadsheet_error]
WHEN CASE WHEN starts_with("jenis", '#') THEN list_contains(['#N/A', '#REF!', '#VALUE!', '#DIV/0!', '#NAME?', '#NULL!', '#NUM!', '#SPILL!', '#CALC!', '#GETTING_DATA'], "jenis") ELSE FALSE END
THEN 'spreadsheet error ' || "jenis" || ' in jenis (a formula that failed in Excel, saved as its error); fix the formula or type the value'

-- 3. jenjang [spreadsheet_error]
WHEN CASE WHEN starts_with("jenjang", '#') THEN list_contains(['#N/A', '#REF!', '#VALUE!', '#DIV/0!', '#NAME?', '#NULL!', '#NUM!', '#SPILL!', '#CALC!', '#GETTING_DATA'], "jenjang") ELSE FALSE END
THEN 'spreadsheet error ' || "jenjang" || ' in jenjang (a formula that failed in Excel, saved as its error); fix the formula or type the value'

-- 4. nama [spreadsheet_error]
WHEN CASE WHEN starts_with("nama", '#') THEN list_contains(['#N/A', '#REF!', '#VALUE!', '#DIV/0!', '#NAME?', '#NULL!', '#NUM!', '#SPILL!', '#CALC!', '#GETTING_DATA'], "nama") ELSE FALSE END
THEN 'spreadsheet error ' || "nama" || ' in nama (a formula that failed in Excel, saved as its error); fix the formula or type the value'

-- 5. jp [spreadsheet_error]
WHEN CASE WHEN starts_with("jp", '#') THEN list_contains(['#N/A', '#REF!', '#VALUE!', '#DIV/0!', '#NAME?', '#NULL!', '#NUM!', '#SPILL!', '#CALC!', '#GETTING_DATA'], "jp") ELSE FALSE END
THEN 'spreadsheet error ' || "jp" || ' in jp (a formula that failed in Excel, saved as its error); fix the formula or type the value'

-- 6. tanggal_mulai [spreadsheet_error]
WHEN CASE WHEN starts_with("tanggal_mulai", '#') THEN list_contains(['#N/A', '#REF!', '#VALUE!', '#DIV/0!', '#NAME?', '#NULL!', '#NUM!', '#SPILL!', '#CALC!', '#GETTING_DATA'], "tanggal_mulai") ELSE FALSE END
THEN 'spreadsheet error ' || "tanggal_mulai" || ' in tanggal_mulai (a formula that failed in Excel, saved as its error); fix the formula or type the value'

-- 7. tanggal_selesai [spreadsheet_error]
WHEN CASE WHEN starts_with("tanggal_selesai", '#') THEN list_contains(['#N/A', '#REF!', '#VALUE!', '#DIV/0!', '#NAME?', '#NULL!', '#NUM!', '#SPILL!', '#CALC!', '#GETTING_DATA'], "tanggal_selesai") ELSE FALSE END
THEN 'spreadsheet error ' || "tanggal_selesai" || ' in tanggal_selesai (a formula that failed in Excel, saved as its error); fix the formula or type the value'

-- 8. jenis_diklat_id [spreadsheet_error]
WHEN CASE WHEN starts_with("jenis_diklat_id", '#') THEN list_contains(['#N/A', '#REF!', '#VALUE!', '#DIV/0!', '#NAME?', '#NULL!', '#NUM!', '#SPILL!', '#CALC!', '#GETTING_DATA'], "jenis_diklat_id") ELSE FALSE END
THEN 'spreadsheet error ' || "jenis_diklat_id" || ' in jenis_diklat_id (a formula that failed in Excel, saved as its error); fix the formula or type the value'

-- 9. jenis_kursus_sertifikat [spreadsheet_error]
WHEN CASE WHEN starts_with("jenis_kursus_sertifikat", '#') THEN list_contains(['#N/A', '#REF!', '#VALUE!', '#DIV/0!', '#NAME?', '#NULL!', '#NUM!', '#SPILL!', '#CALC!', '#GETTING_DATA'], "jenis_kursus_sertifikat") ELSE FALSE END
THEN 'spreadsheet error ' || "jenis_kursus_sertifikat" || ' in jenis_kursus_sertifikat (a formula that failed in Excel, saved as its error); fix the formula or type the value'

-- 10. latihan_struktural [spreadsheet_error]
WHEN CASE WHEN starts_with("latihan_struktural", '#') THEN list_contains(['#N/A', '#REF!', '#VALUE!', '#DIV/0!', '#NAME?', '#NULL!', '#NUM!', '#SPILL!', '#CALC!', '#GETTING_DATA'], "latihan_struktural") ELSE FALSE END
THEN 'spreadsheet error ' || "latihan_struktural" || ' in latihan_struktural (a formula that failed in Excel, saved as its error); fix the formula or type the value'

-- 11. latihan_struktural_id [spreadsheet_error]
WHEN CASE WHEN starts_with("latihan_struktural_id", '#') THEN list_contains(['#N/A', '#REF!', '#VALUE!', '#DIV/0!', '#NAME?', '#NULL!', '#NUM!', '#SPILL!', '#CALC!', '#GETTING_DATA'], "latihan_struktural_id") ELSE FALSE END
THEN 'spreadsheet error ' || "latihan_struktural_id" || ' in latihan_struktural_id (a formula that failed in Excel, saved as its error); fix the formula or type the value'

-- 12. tanggal_kursus [spreadsheet_error]
WHEN CASE WHEN starts_with("tanggal_kursus", '#') THEN list_contains(['#N/A', '#REF!', '#VALUE!', '#DIV/0!', '#NAME?', '#NULL!', '#NUM!', '#SPILL!', '#CALC!', '#GETTING_DATA'], "tanggal_kursus") ELSE FALSE END
THEN 'spreadsheet error ' || "tanggal_kursus" || ' in tanggal_kursus (a formula that failed in Excel, saved as its error); fix the formula or type the value'

-- 13. tanggal_selesai_kursus [spreadsheet_error]
WHEN CASE WHEN starts_with("tanggal_selesai_kursus", '#') THEN list_contains(['#N/A', '#REF!', '#VALUE!', '#DIV/0!', '#NAME?', '#NULL!', '#NUM!', '#SPILL!', '#CALC!', '#GETTING_DATA'], "tanggal_selesai_kursus") ELSE FALSE END
THEN 'spreadsheet error ' || "tanggal_selesai_kursus" || ' in tanggal_selesai_kursus (a formula that failed in Excel, saved as its error); fix the formula or type the value'

-- 14. tanggal_diklat [spreadsheet_error]
WHEN CASE WHEN starts_with("tanggal_diklat", '#') THEN list_contains(['#N/A', '#REF!', '#VALUE!', '#DIV/0!', '#NAME?', '#NULL!', '#NUM!', '#SPILL!', '#CALC!', '#GETTING_DATA'], "tanggal_diklat") ELSE FALSE END
THEN 'spreadsheet error ' || "tanggal_diklat" || ' in tanggal_diklat (a formula that failed in Excel, saved as its error); fix the formula or type the value'

-- 15. nomor_sertifikat [spreadsheet_error]
WHEN CASE WHEN starts_with("nomor_sertifikat", '#') THEN list_contains(['#N/A', '#REF!', '#VALUE!', '#DIV/0!', '#NAME?', '#NULL!', '#NUM!', '#SPILL!', '#CALC!', '#GETTING_DATA'], "nomor_sertifikat") ELSE FALSE END
THEN 'spreadsheet error ' || "nomor_sertifikat" || ' in nomor_sertifikat (a formula that failed in Excel, saved as its error); fix the formula or type the value'

-- 16. nip [empty]
WHEN "nip" IS NULL
THEN 'nip is empty'

-- 17. nip [nip_excel_number]
WHEN starts_with("nip", '#EXCEL_NUMBER:')
THEN 'NIP is stored as a number in Excel, which keeps only 15 digits; format the column as text and enter the NIP again'

-- 18. nip [nip_length]
WHEN NOT (nip__clean GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]')
THEN 'NIP must be 18 digits, got "' || left("nip", 40) || '" (' || length(nip__clean) || ' characters)'

-- 19. nip [nip_lost_digits]
WHEN ends_with(nip__clean, '000')
THEN 'NIP ' || nip__clean || ' ends in 000: its last digits were lost when it was stored as a number (15 significant digits)' || '' || '; export the NIP column as text'

-- 20. jenis [empty]
WHEN "jenis" IS NULL
THEN 'jenis is empty'

-- 21. jenis [unknown_code]
WHEN "jenis" IS NOT NULL AND jenis__code IS NULL
THEN 'unknown jenis "' || left("jenis", 60) || '"; use one of: STRUKTURAL, FUNGSIONAL, TEKNIS, SEMINAR, WORKSHOP, KURSUS, MAGANG, LAINNYA (or add an alias in data/aliases/kode.json)'

-- 22. jenjang [unknown_code]
WHEN "jenjang" IS NOT NULL AND jenjang__code IS NULL
THEN 'unknown jenjang "' || left("jenjang", 60) || '"; use one of: PIM_I, PIM_II, PIM_III, PIM_IV, PKN_I, PKN_II, PKA, PKP (or add an alias in data/aliases/kode.json)'

-- 23. jp [not_a_number]
WHEN "jp" IS NOT NULL AND "jp__num" IS NULL
THEN 'not a number: "' || left("jp", 40) || '"'

-- 24. jp [negative]
WHEN "jp__num" < 0
THEN 'negative jp: ' || "jp"

-- 25. jp [not_finite]
WHEN NOT isfinite("jp__num")
THEN 'not a finite number: ' || "jp"

-- 26. tanggal_mulai [date_unreadable]
WHEN "tanggal_mulai" IS NOT NULL AND "tanggal_mulai__shape" IS NULL
THEN 'unreadable date "' || left("tanggal_mulai", 40) || '"; use YYYY-MM-DD, DD-MM-YYYY or DD/MM/YYYY'

-- 27. tanggal_mulai [date_impossible]
WHEN "tanggal_mulai" IS NOT NULL AND "tanggal_mulai__date" IS NULL
THEN 'impossible date "' || left("tanggal_mulai", 40) || '"' || CASE WHEN TRY_CAST(regexp_extract("tanggal_mulai", '^\d{1,2}[-/](\d{1,2})[-/]\d{4}$', 1) AS INTEGER) > 12 THEN ' (month first? this file also has dates whose first field is above 12, so it mixes both orders: write every date as YYYY-MM-DD)' ELSE '' END

-- 28. tanggal_mulai [date_before_1950]
WHEN "tanggal_mulai__date" < DATE '1950-01-01'
THEN 'date before 1950: "' || "tanggal_mulai" || '"'

-- 29. tanggal_mulai [date_future]
WHEN "tanggal_mulai__date" > DATE '2025-12-31'
THEN 'date in the future: "' || "tanggal_mulai" || '" is after 2025-12-31'

-- 30. tanggal_selesai [date_unreadable]
WHEN "tanggal_selesai" IS NOT NULL AND "tanggal_selesai__shape" IS NULL
THEN 'unreadable date "' || left("tanggal_selesai", 40) || '"; use YYYY-MM-DD, DD-MM-YYYY or DD/MM/YYYY'

-- 31. tanggal_selesai [date_impossible]
WHEN "tanggal_selesai" IS NOT NULL AND "tanggal_selesai__date" IS NULL
THEN 'impossible date "' || left("tanggal_selesai", 40) || '"' || CASE WHEN TRY_CAST(regexp_extract("tanggal_selesai", '^\d{1,2}[-/](\d{1,2})[-/]\d{4}$', 1) AS INTEGER) > 12 THEN ' (month first? this file also has dates whose first field is above 12, so it mixes both orders: write every date as YYYY-MM-DD)' ELSE '' END

-- 32. tanggal_selesai [date_before_1950]
WHEN "tanggal_selesai__date" < DATE '1950-01-01'
THEN 'date before 1950: "' || "tanggal_selesai" || '"'

-- 33. tanggal_selesai [date_future]
WHEN "tanggal_selesai__date" > DATE '2025-12-31'
THEN 'date in the future: "' || "tanggal_selesai" || '" is after 2025-12-31'

-- 34. nip [nip_not_in_pegawai]
WHEN nip__angka NOT IN (SELECT nip_kunci FROM pegawai)
THEN 'NIP ' || nip__clean || ' is not in pegawai'

-- 35. tanggal_selesai [end_before_start]
WHEN tanggal_selesai__date < tanggal_mulai__date
THEN 'tanggal_selesai ' || tanggal_selesai || ' is before tanggal_mulai ' || tanggal_mulai

-- 36. tanggal_mulai [after_period]
WHEN coalesce(tanggal_selesai__date, tanggal_mulai__date) >= DATE '2025-01-01'
THEN 'after the period: the training of ' || coalesce(tanggal_selesai, tanggal_mulai) || ' is after the period 2024-Q3: it counts in no score of this period'
