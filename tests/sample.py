"""A small two-year content tree with every document kind, for build tests."""

from __future__ import annotations

from pathlib import Path

from helpers import write_tree

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def sample_tree(root: Path, numerals: str = "thai") -> Path:
    return write_tree(
        root,
        {
            "site.yml": f"""
                organization:
                  name: เทศบาลตำบลทดสอบ
                  district: เมืองทดสอบ
                  province: ทดสอบ
                  website: https://www.test.go.th
                  phone: "0-7750-1234"
                display: {{numerals: {numerals}}}
            """,
            "2566/analysis.yml": """
                announced: 2565-08-15
                intro: การประเมิน **ITA** ประจำปี
                overall: {score: 96.5}
                tools: {IIT: 99.5, EIT: 95.1, OIT: 95.0}
                threshold: 90
                indicators:
                  - {no: 1, score: 95.84, analysis: ผลการวิเคราะห์ตัวชี้วัดที่หนึ่ง}
                  - {no: 9, score: 85, analysis: ผลการวิเคราะห์การเปิดเผยข้อมูล}
                summary: สรุปผลการวิเคราะห์
            """,
            "2566/measures.yml": """
                intro: มาตรการจากผลการวิเคราะห์
                measures:
                  - no: 1
                    title: จัดทำคู่มือการปฏิบัติงาน
                    indicators: [1]
                    issue: ประเด็นคู่มือ
                    projects: [โครงการอบรมคู่มือ]
                    steps: [ทบทวนคู่มือ, เผยแพร่คู่มือ]
                    responsible:
                      - ทุกส่วนงาน
                      - {unit: สำนักปลัด, person: นางสาวยุภาวดี คำมี, position: นักจัดการงานทั่วไป}
                    period: ปีงบประมาณ พ.ศ. 2566
                    deadline: 2566-01-31
                    monitoring: รายงานผู้บริหารทุกเดือน
                  - no: 2
                    title: เผยแพร่ข้อมูลบนเว็บไซต์
                    indicators: 9
                    steps: เผยแพร่ข้อมูล
                    responsible: สำนักปลัด
            """,
            "2566/reports/6-month.yml": """
                round: 6-month
                reported: 2566-04-04
                memo:
                  unit: สำนักปลัด เทศบาลตำบลทดสอบ
                  phone: "0-7356-3170 ต่อ 101"
                  ref: นธ 6901/-
                  date: 2566-04-04
                  subject: รายงานผลการดำเนินการตามมาตรการ รอบ 6 เดือน
                  to: นายกเทศมนตรีตำบลทดสอบ
                  body: |
                    ### เรื่องเดิม
                    ตามที่สำนักงาน ป.ป.ช. ได้ประเมิน

                    จึงเรียนมาเพื่อโปรดทราบ
                  signatures:
                    - {name: นางสาวอรุณี กะนอง, position: หัวหน้าสำนักปลัด}
                    - {heading: ความเห็นปลัดเทศบาล, name: นางซาริพะห์ ต่วนเพ็ง, position: ปลัดเทศบาล, comment: เห็นควรอนุมัติ, date: 2566-04-05}
                  scan: files/memo.pdf
                results:
                  - measure: 1
                    status: done
                    actions: [ทบทวนคู่มือแล้ว 3 ฉบับ]
                    outcomes: มีคู่มือครบ
                    problems: บุคลากรไม่เพียงพอ
                    suggestions: ควรจัดอบรมเพิ่ม
                    evidence:
                      - {title: คู่มือ, url: "https://www.test.go.th/manual"}
                      - {title: ภาพกิจกรรม, file: files/หลักฐาน กิจกรรม.pdf}
                  - measure: 2
                    status: in_progress
                    actions: อยู่ระหว่างปรับปรุงเว็บไซต์
            """,
            "2566/reports/annual.yml": """
                round: annual
                results:
                  - {measure: 1, status: done, actions: ดำเนินการครบถ้วน}
            """,
            "2566/pages/no-gift.md": """
                ---
                title: นโยบาย No Gift Policy
                oit: [O31]
                updated: 2566-05-01
                ---
                ประกาศเจตนารมณ์ **ไม่รับของขวัญ**
            """,
            "2566/files/memo.pdf": PDF,
            "2566/files/หลักฐาน กิจกรรม.pdf": PDF,
            "2567/analysis.yml": """
                overall: {score: 97.73}
                tools: {IIT: 99.50, EIT1: 99.89, EIT2: 99.33, OIT: 95.00}
                indicators:
                  - {no: 1, score: 99.11}
            """,
            "2567/measures.yml": """
                measures:
                  - {no: 1, title: ทบทวนคู่มือต่อเนื่อง, indicators: [1], steps: ทบทวน, responsible: สำนักปลัด}
            """,
        },
    )
