-- Version 1 of both sets, after the national public-hospital satisfaction survey's dimensions.
INSERT INTO survey_questionnaires (id, version, visit_type, title, items) VALUES
('outpatient', 1, 'outpatient', '门诊患者满意度调查', '[
  {"id": "registration", "label": "挂号便捷", "allowNA": false},
  {"id": "waiting", "label": "候诊时间", "allowNA": false},
  {"id": "doctorCommunication", "label": "医生沟通与解释", "allowNA": false},
  {"id": "nursing", "label": "护士服务", "allowNA": true},
  {"id": "tests", "label": "检查检验", "allowNA": true},
  {"id": "pharmacy", "label": "取药与用药说明", "allowNA": true},
  {"id": "environment", "label": "环境与标识", "allowNA": false},
  {"id": "privacy", "label": "隐私保护", "allowNA": false},
  {"id": "costTransparency", "label": "费用透明", "allowNA": false},
  {"id": "courtesy", "label": "服务礼仪与态度", "allowNA": false},
  {"id": "overall", "label": "总体满意度", "allowNA": false}
]'),
('inpatient', 1, 'inpatient', '住院患者满意度调查', '[
  {"id": "admission", "label": "入院办理", "allowNA": false},
  {"id": "doctor", "label": "医生", "allowNA": false},
  {"id": "nurse", "label": "护士", "allowNA": false},
  {"id": "wardEnvironment", "label": "病房环境与卫生", "allowNA": false},
  {"id": "diet", "label": "饮食", "allowNA": true},
  {"id": "treatmentExplanation", "label": "用药与治疗解释", "allowNA": false},
  {"id": "dischargeGuidance", "label": "出院指导", "allowNA": false},
  {"id": "privacy", "label": "隐私保护", "allowNA": false},
  {"id": "costTransparency", "label": "费用透明", "allowNA": false},
  {"id": "courtesy", "label": "服务礼仪与态度", "allowNA": false},
  {"id": "overall", "label": "总体满意度", "allowNA": false}
]');
